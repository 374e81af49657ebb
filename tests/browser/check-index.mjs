// Loads the index page of a batch in headless Chromium and checks it as a reader
// would: every draft listed, worst first as EXPECTED.json says, a draft that
// failed shown with its error, each report linking back to the index, nothing
// wider than a 390 px phone, no console errors and no request leaving the file.
//
//   node check-index.mjs INDEX.html EXPECTED.json SCREENSHOT-PREFIX
//
// EXPECTED.json: {"order": [path, ...], "failed": {path: error}}. Leaves
// SCREENSHOT-PREFIX-1280.png and SCREENSHOT-PREFIX-390.png.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { check, finish, launch, noHorizontalOverflow } from "./browser.mjs";

const [indexPath, expectedPath, screenshotPrefix] = process.argv.slice(2);
if (!indexPath || !expectedPath || !screenshotPrefix) {
  console.error("usage: node check-index.mjs INDEX.html EXPECTED.json SCREENSHOT-PREFIX");
  process.exit(2);
}
const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
const indexUrl = pathToFileURL(resolve(indexPath)).href;

const { page, problems, outsideRequests, close } = await launch({ width: 1280, height: 900 });
try {
  await page.goto(indexUrl, { waitUntil: "load" });
  const rows = page.locator("tbody tr");

  await check("every draft is listed, worst first", async () => {
    const paths = await rows.evaluateAll((trs) =>
      trs.map((tr) => (tr.querySelector(".path") ?? tr.querySelector("td.draft")).textContent.trim()),
    );
    assert.deepEqual(paths, expected.order);
  });

  await check("a draft that failed is shown with its error", async () => {
    const failed = Object.entries(expected.failed);
    assert.ok(failed.length > 0);
    assert.equal(await page.locator("tr.failed").count(), failed.length);
    for (const [path, error] of failed) {
      const row = page.locator("tr.failed").filter({ hasText: path });
      assert.ok(await row.isVisible());
      assert.equal(await row.locator(".error").innerText(), error);
    }
    assert.match(await page.locator(".alert").innerText(), new RegExp(`${failed.length} drafts? could not be checked`));
  });

  await check("each report opens from the index and links back to it", async () => {
    const links = await page.locator("tbody a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.equal(links.length, expected.order.length - Object.keys(expected.failed).length);
    for (const href of links) {
      await page.goto(new URL(href, indexUrl).href, { waitUntil: "load" });
      await page.locator("nav.back a").click();
      await page.waitForURL(indexUrl);
    }
  });

  await check("nothing is wider than a 390 px phone", async () => {
    await noHorizontalOverflow(page, 390);
  });

  await finish({ page, problems, outsideRequests }, screenshotPrefix);
} finally {
  await close();
}
