// Loads a claimcheck HTML report in headless Chromium and checks what a reader
// sees against the JSON report of the same run: the summary bar, a label on every
// highlighted claim, a claim opened by a click and by the keyboard, the filters,
// the print stylesheet, no console errors and no request leaving the file.
//
//   node check-report.mjs REPORT.html REPORT.json SCREENSHOT.png
//
// CHROMIUM names the browser (default /usr/bin/chromium). Exits non-zero, with
// the failed check on standard error, when anything is not as it should be.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [htmlPath, jsonPath, screenshotPath] = process.argv.slice(2);
if (!htmlPath || !jsonPath || !screenshotPath) {
  console.error("usage: node check-report.mjs REPORT.html REPORT.json SCREENSHOT.png");
  process.exit(2);
}

const report = JSON.parse(readFileSync(jsonPath, "utf8"));
const expected = report.documents[0];
const claims = expected.claims;
// The report highlights a claim only when it does not overlap an earlier one.
const highlighted = [];
for (const claim of claims) {
  const last = highlighted.at(-1);
  if (!last || claim.span.start >= last.span.end) highlighted.push(claim);
}

const userDataDir = mkdtempSync(join(tmpdir(), "claimcheck-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
  viewport: { width: 1100, height: 900 },
});

const problems = [];
const outsideRequests = [];
let checks = 0;
const check = async (name, body) => {
  await body();
  checks += 1;
  console.log(`ok ${checks} - ${name}`);
};

try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) outsideRequests.push(request.url());
  });

  await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: "load" });
  const section = page.locator("section.document").first();

  await check("the summary bar counts every verdict", async () => {
    for (const [verdict, count] of Object.entries(expected.summary)) {
      const item = section.locator(`.summary li.v-${verdict}`);
      await assert.doesNotReject(item.waitFor({ state: "visible" }));
      assert.match(await item.innerText(), new RegExp(`\\b${count} ${verdict}\\b`));
    }
  });

  await check("as-of date, fact base and tool version are stated", async () => {
    const meta = await section.locator("p.meta").first().innerText();
    assert.match(meta, new RegExp(`As of ${expected.as_of ?? "no date given"}`));
    assert.match(meta, /fact base [0-9a-f]{12} \(\d+ facts\)/);
    assert.match(meta, new RegExp(`claimcheck ${report.tool.version.replaceAll(".", "\\.")}`));
  });

  const marks = section.locator("mark.claim");
  await check("every claim is highlighted with a visible verdict label", async () => {
    assert.equal(await marks.count(), highlighted.length);
    for (const [i, claim] of highlighted.entries()) {
      const tag = marks.nth(i).locator(".tag");
      assert.ok(await tag.isVisible(), `label of “${claim.text}” is visible`);
      assert.match(await tag.innerText(), new RegExp(claim.verdict));
      assert.match(await marks.nth(i).locator("button").innerText(), new RegExp(escape(claim.text)));
    }
  });

  await check("no claim's reasons show before one is selected", async () => {
    assert.equal(await section.locator("details.card .explanation").filter({ visible: true }).count(), 0);
  });

  // The claim a reader must not miss: the first contradicted one, if any.
  const targetIndex = Math.max(0, highlighted.findIndex((c) => c.verdict === "contradicted"));
  const target = highlighted[targetIndex];
  const targetButton = marks.nth(targetIndex).locator("button");
  const cardOf = async (button) => page.locator(`[id="${await button.getAttribute("aria-controls")}"]`);

  await check(`clicking “${target.text}” shows its reason, values and sources`, async () => {
    assert.equal(await targetButton.getAttribute("aria-expanded"), "false");
    await targetButton.click();
    const card = await cardOf(targetButton);
    assert.equal(await card.evaluate((el) => el.open), true);
    assert.equal(await targetButton.getAttribute("aria-expanded"), "true");
    const explanation = card.locator(".explanation");
    assert.ok(await explanation.isVisible());
    assert.equal(await explanation.innerText(), target.explanation);
    for (const value of Object.values(target.normalized)) {
      const shown = typeof value === "string" ? value : JSON.stringify(value);
      assert.ok((await card.innerText()).includes(shown), `normalised value ${shown} shown`);
    }
    const urls = target.evidence.flatMap((e) => e.sources.map((s) => s.url)).filter((u) => /^https?:\/\//.test(u));
    for (const url of urls) {
      const link = card.locator(`a[href="${url}"]`);
      assert.ok(await link.isVisible(), `source ${url} linked`);
    }
  });

  if (highlighted.length > 1) {
    const other = highlighted.findIndex((_, i) => i !== targetIndex);
    await check(`the keyboard opens “${highlighted[other].text}” too`, async () => {
      const button = marks.nth(other).locator("button");
      await button.focus();
      await page.keyboard.press("Enter");
      const card = await cardOf(button);
      assert.equal(await card.evaluate((el) => el.open), true);
      assert.equal(await card.locator(".explanation").innerText(), highlighted[other].explanation);
    });
  }

  const cards = section.locator("details.card");
  const visibleCards = async () => cards.filter({ visible: true }).count();
  await check(`unticking the “${target.verdict}” filter hides exactly those claims`, async () => {
    const box = section.locator(`input[name="verdict"][value="${target.verdict}"]`);
    await box.uncheck();
    const others = claims.filter((c) => c.verdict !== target.verdict).length;
    assert.equal(await visibleCards(), others);
    assert.equal(await (await cardOf(targetButton)).isVisible(), false);
    assert.equal(await marks.nth(targetIndex).locator(".tag").isVisible(), false, "its highlight is off");
    assert.match(await section.locator(".shown").innerText(), new RegExp(`Showing ${others} of ${claims.length}`));
    await box.check();
    assert.equal(await visibleCards(), claims.length);
  });

  await check(`unticking the “${target.kind}” filter hides exactly that kind`, async () => {
    const box = section.locator(`input[name="kind"][value="${target.kind}"]`);
    await box.uncheck();
    assert.equal(await visibleCards(), claims.filter((c) => c.kind !== target.kind).length);
    await box.check();
    assert.equal(await visibleCards(), claims.length);
  });

  await check("the print stylesheet drops the filters", async () => {
    await page.emulateMedia({ media: "print" });
    assert.equal(await section.locator("form.filters").isVisible(), false);
    await page.emulateMedia({ media: "screen" });
    assert.equal(await section.locator("form.filters").isVisible(), true);
  });

  await targetButton.click();
  await page.screenshot({ path: screenshotPath, fullPage: true });

  await check("no console errors and no request outside the file", async () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(outsideRequests, []);
  });
  console.log(`${checks} passed, 0 failed`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
