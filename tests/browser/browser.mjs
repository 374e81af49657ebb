// What the browser checks share: headless Chromium through playwright-core (the
// system's browser; none is downloaded), the record of console errors and of
// requests that leave the file, numbered checks, and the phone-width check.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

let checks = 0;

// Runs one named check; a failure ends the run with its message.
export async function check(name, body) {
  await body();
  checks += 1;
  console.log(`ok ${checks} - ${name}`);
}

function summary() {
  console.log(`${checks} passed, 0 failed`);
}

export async function launch(viewport) {
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
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  const problems = [];
  const outsideRequests = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) outsideRequests.push(request.url());
  });
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, page, problems, outsideRequests, close };
}

// At `width` px, nothing makes the page scroll sideways.
export async function noHorizontalOverflow(page, width) {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 800 });
  const wide = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
    widest: Array.from(document.body.querySelectorAll("*"))
      .map((el) => ({ el: el.tagName.toLowerCase() + (el.className ? `.${el.className}` : ""), right: el.getBoundingClientRect().right }))
      .sort((a, b) => b.right - a.right)[0],
  }));
  assert.ok(wide.page <= wide.view, `${wide.page} px wide at ${wide.view} px; widest: ${JSON.stringify(wide.widest)}`);
  await page.setViewportSize(before);
}

// The end of every run: the page at desktop and phone widths as screenshots named
// from `prefix`, and the check that nothing logged an error or left the file.
export async function finish({ page, problems, outsideRequests }, prefix) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${prefix}-${width}.png`, fullPage: true });
  }
  await check("no console errors and no request outside the file", async () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(outsideRequests, []);
  });
  summary();
}
