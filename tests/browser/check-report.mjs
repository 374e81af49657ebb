// Loads a claimcheck HTML report in headless Chromium and checks what a reader
// sees against the JSON report of the same draft: the title, the summary bar, the
// draft rendered without its markup, one mark and one label for every claim (a
// claim inside another included), claims across a line break kept in the line,
// a claim opened by a click and by the keyboard, a reason on every closed card,
// the filters, the print stylesheet with filters unticked, a phone's width, no
// console errors and no request leaving the file.
//
//   node check-report.mjs REPORT.html REPORT.json SCREENSHOT-PREFIX
//
// Leaves SCREENSHOT-PREFIX-1280.png and SCREENSHOT-PREFIX-390.png. CHROMIUM names
// the browser (default /usr/bin/chromium). Exits non-zero, with the failed check
// on standard error, when anything is not as it should be.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { check, finish, launch, noHorizontalOverflow } from "./browser.mjs";

const [htmlPath, jsonPath, screenshotPrefix] = process.argv.slice(2);
if (!htmlPath || !jsonPath || !screenshotPrefix) {
  console.error("usage: node check-report.mjs REPORT.html REPORT.json SCREENSHOT-PREFIX");
  process.exit(2);
}

const report = JSON.parse(readFileSync(jsonPath, "utf8"));
const expected = report.documents[0];
const claims = expected.claims;
const cardOf = (claim) => `d1-c${claims.indexOf(claim) + 1}`;
const oneLine = (text) => text.split(/\s+/).filter(Boolean).join(" ");
const draftText = readFileSync(expected.path, "utf8");
const title = draftText.match(/^---\r?\n(?:.*\r?\n)*?title: *"?([^"\n]*?)"? *\r?\n/)?.[1];

const { context, page, problems, outsideRequests, close } = await launch({ width: 1280, height: 900 });
try {
  await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: "load" });
  const section = page.locator("section.document").first();
  const draft = section.locator(".draft");

  await check("the summary bar counts every verdict", async () => {
    for (const [verdict, count] of Object.entries(expected.summary)) {
      const item = section.locator(`.summary li.v-${verdict}`);
      await assert.doesNotReject(item.waitFor({ state: "visible" }));
      assert.match(await item.innerText(), new RegExp(`\\b${count} ${verdict}\\b`));
    }
  });

  await check("title, as-of date, fact base and tool version are stated", async () => {
    if (title) {
      assert.equal(await section.locator("h1").innerText(), title);
      assert.match(await page.title(), new RegExp(`^${escape(title)}`));
    }
    const meta = await section.locator("p.meta").first().innerText();
    assert.match(meta, new RegExp(`As of ${expected.as_of ?? "no date given"}`));
    assert.match(meta, /fact base [0-9a-f]{12} \(\d+ facts\)/);
    assert.match(meta, new RegExp(`claimcheck ${report.tool.version.replaceAll(".", "\\.")}`));
  });

  await check("the draft is rendered: no front matter, heading marks, emphasis marks or link targets", async () => {
    const shown = await draft.innerText();
    assert.doesNotMatch(shown, /^---$/m);
    assert.doesNotMatch(shown, /^(title|date):/m);
    assert.doesNotMatch(shown, /^#+ /m);
    assert.doesNotMatch(shown, /\*\*|\]\(/);
    if (/^#+ /m.test(draftText)) assert.ok(await draft.locator("h3, h4, h5, h6").count() > 0, "headings rendered");
    if (/\*\*\w/.test(draftText)) assert.ok(await draft.locator("strong").count() > 0, "emphasis rendered");
  });

  await check("every claim has its marks and exactly one visible label, nested ones too", async () => {
    const cards = await section.locator("details.card").count();
    assert.equal(cards, claims.length);
    const marked = await draft.locator("mark.claim").evaluateAll((marks) => new Set(marks.map((m) => m.dataset.card)).size);
    assert.equal(marked, cards, "claims marked in the draft");
    assert.equal(await draft.locator("a.tag").count(), cards, "labels in the draft");
    for (const claim of claims) {
      const label = draft.locator(`a.tag[aria-controls="${cardOf(claim)}"]`);
      assert.equal(await label.count(), 1, `one label for “${claim.text}”`);
      assert.ok(await label.isVisible(), `label of “${claim.text}” is visible`);
      assert.match(await label.innerText(), new RegExp(claim.verdict));
      // The words marked, labels left out, are the claim's words.
      const words = await draft.locator(`mark.claim[data-card="${cardOf(claim)}"]`).evaluateAll((marks) =>
        marks
          .map((mark) => {
            const copy = mark.cloneNode(true);
            for (const tag of copy.querySelectorAll(".tag")) tag.remove();
            return copy.textContent;
          })
          .join(""),
      );
      assert.equal(oneLine(words), oneLine(claim.text.replace(/[*_`]+/g, "")), `marked words of “${claim.text}”`);
    }
  });

  await check("claims are inline: a claim across a line break wraps with its line", async () => {
    const displays = await draft.locator("mark.claim").evaluateAll((marks) => marks.map((m) => getComputedStyle(m).display));
    assert.ok(displays.every((d) => d === "inline"), displays.join());
    const crossing = claims.filter((c) => c.text.includes("\n"));
    for (const claim of crossing) {
      await page.setViewportSize({ width: 390, height: 800 });
      const lines = await draft
        .locator(`mark.claim[data-card="${cardOf(claim)}"]`)
        .first()
        .evaluate((mark) => new Set(Array.from(mark.getClientRects(), (r) => Math.round(r.top))).size);
      assert.ok(lines >= 2, `“${oneLine(claim.text)}” runs over ${lines} line(s) at 390 px`);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  await check("every closed card shows its reason", async () => {
    const cards = section.locator("details.card");
    for (const [i, claim] of claims.entries()) {
      const card = section.locator(`[id="${cardOf(claim)}"]`);
      assert.equal(await card.evaluate((el) => el.open), false);
      const reason = card.locator("summary .reason");
      assert.ok(await reason.isVisible(), `reason of claim ${i + 1}`);
      assert.equal(await reason.innerText(), claim.explanation);
    }
    assert.equal(await cards.count(), claims.length);
  });

  // The claim a reader must not miss: the first contradicted one, if any; and
  // one inside another, if the draft has such.
  const target = claims.find((c) => c.verdict === "contradicted") ?? claims[0];
  const inner = claims.find((c) => claims.some((o) => o !== c && o.span.start <= c.span.start && c.span.end <= o.span.end && o.span.end - o.span.start > c.span.end - c.span.start));
  const card = (claim) => section.locator(`[id="${cardOf(claim)}"]`);

  await check(`clicking the words “${target.text}” opens its card with values and sources`, async () => {
    const label = draft.locator(`a.tag[aria-controls="${cardOf(target)}"]`);
    assert.equal(await label.getAttribute("aria-expanded"), "false");
    await clickWords(draft.locator(`mark.claim[data-card="${cardOf(target)}"]`).first());
    assert.equal(await card(target).evaluate((el) => el.open), true);
    // The card's toggle event, which sets the label's state, comes after the click.
    await draft.locator(`a.tag[aria-controls="${cardOf(target)}"][aria-expanded="true"]`).waitFor({ timeout: 5000 });
    const readAs = card(target).locator(".values");
    if (Object.keys(target.normalized).length) {
      assert.ok(await readAs.isVisible(), "read as is shown");
      // In words: no value's key, no number as a float, no id the card names otherwise.
      const shown = await readAs.innerText();
      assert.doesNotMatch(shown, /_|\b\d+\.0\b/);
      if (typeof target.normalized.fact === "string") assert.ok(!shown.includes(target.normalized.fact), shown);
    }
    const urls = target.evidence.flatMap((e) => e.sources.map((s) => s.url)).filter((u) => /^https?:\/\//.test(u));
    for (const url of urls) {
      assert.ok(await card(target).locator(`a[href="${url}"]`).isVisible(), `source ${url} linked`);
    }
  });

  if (inner) {
    const outer = claims.find((o) => o !== inner && o.span.start <= inner.span.start && inner.span.end <= o.span.end);
    await check(`“${inner.text}” inside “${oneLine(outer.text)}”: each opens its own card`, async () => {
      await clickWords(draft.locator(`mark.claim[data-card="${cardOf(inner)}"]`).first());
      assert.equal(await card(inner).evaluate((el) => el.open), true);
      assert.equal(await card(outer).evaluate((el) => el.open), false);
      await draft.locator(`a.tag[aria-controls="${cardOf(outer)}"]`).click();
      assert.equal(await card(outer).evaluate((el) => el.open), true);
    });
  }

  const other = claims.find((c) => c !== target && c !== inner);
  if (other) {
    await check(`the keyboard opens “${other.text}” too`, async () => {
      await draft.locator(`a.tag[aria-controls="${cardOf(other)}"]`).focus();
      await page.keyboard.press("Enter");
      assert.equal(await card(other).evaluate((el) => el.open), true);
    });
  }

  const cards = section.locator("details.card");
  const visibleCards = async () => cards.filter({ visible: true }).count();
  const visibleLabels = async () => draft.locator("a.tag").filter({ visible: true }).count();
  const box = section.locator(`input[name="verdict"][value="${target.verdict}"]`);
  await check(`unticking the “${target.verdict}” filter hides exactly those claims`, async () => {
    await box.uncheck();
    const others = claims.filter((c) => c.verdict !== target.verdict).length;
    assert.equal(await visibleCards(), others);
    assert.equal(await visibleLabels(), others);
    assert.equal(await card(target).isVisible(), false);
    assert.match(await section.locator(".shown").innerText(), new RegExp(`Showing ${others} of ${claims.length}`));
  });

  await check("printed with a filter unticked, every claim is still there", async () => {
    await page.emulateMedia({ media: "print" });
    assert.equal(await section.locator("form.filters").isVisible(), false);
    assert.equal(await visibleCards(), claims.length);
    assert.equal(await visibleLabels(), claims.length);
    const pdf = await page.pdf();
    assert.ok(pdf.length > 10_000);
    await page.emulateMedia({ media: "screen" });
    assert.equal(await section.locator("form.filters").isVisible(), true);
    await box.check();
    assert.equal(await visibleCards(), claims.length);
  });

  await check(`unticking the “${target.kind}” filter hides exactly that kind`, async () => {
    const kind = section.locator(`input[name="kind"][value="${target.kind}"]`);
    await kind.uncheck();
    assert.equal(await visibleCards(), claims.filter((c) => c.kind !== target.kind).length);
    await kind.check();
    assert.equal(await visibleCards(), claims.length);
  });

  await check("nothing is wider than a 390 px phone", async () => {
    await noHorizontalOverflow(page, 390);
  });

  // The screenshots show the page as it opens (printing opened every card),
  // with the first contradicted claim selected.
  await page.reload({ waitUntil: "load" });
  await clickWords(draft.locator(`mark.claim[data-card="${cardOf(target)}"]`).first());
  await finish({ page, problems, outsideRequests }, screenshotPrefix);
} finally {
  await close();
}

// Clicks a mark's first letter: an inline mark's box may span lines whose
// corners are other words.
async function clickWords(mark) {
  await mark.scrollIntoViewIfNeeded();
  const { x, y } = await mark.evaluate((el) => {
    const first = el.getClientRects()[0];
    return { x: first.left + 3, y: first.top + first.height / 2 };
  });
  await page.mouse.click(x, y);
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
