// Opens exported pages in headless Chromium and reports what a browser sees, as JSON on stdout.
//
// Usage: node check.mjs '{"chromium": "/usr/bin/chromium", "pages": [[url, width], ...]}'
// For each URL at its window width: console errors, uncaught page errors, failed requests,
// requests to other hosts, the JSON-LD texts, whether the stylesheet applied, and axe-core
// violations. tests/test_browser.py asserts on the report; this script only observes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const options = JSON.parse(process.argv[2]);

const browser = await chromium.launch({
  executablePath: options.chromium,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const report = [];
try {
  for (const [url, width] of options.pages) {
    report.push(await check(url, width));
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report, null, 2) + "\n");

async function check(url, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: true });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const result = { url, width, consoleErrors: [], pageErrors: [], failedRequests: [], otherHosts: [] };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      result.consoleErrors.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => result.pageErrors.push(String(error)));
  page.on("requestfailed", (request) => result.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) result.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== origin) result.otherHosts.push(request.url());
  });

  const response = await page.goto(url, { waitUntil: "load" });
  result.status = response ? response.status() : null;
  result.title = await page.title();
  result.jsonld = await page.$$eval('script[type="application/ld+json"]', (elements) =>
    elements.map((element) => element.textContent),
  );
  // The stylesheet applied: the page's main column is limited in width (style.css sets max-width).
  result.mainMaxWidth = await page.$eval("main", (element) => getComputedStyle(element).maxWidth);
  result.horizontalOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
  // The page's title and the largest section heading, in pixels as laid out at this width.
  result.headingSizes = await page.evaluate(() => {
    const size = (element) => parseFloat(getComputedStyle(element).fontSize);
    const h1 = document.querySelector("h1");
    return { h1: h1 ? size(h1) : null, h2: Math.max(0, ...Array.from(document.querySelectorAll("h2"), size)) };
  });
  // Words laid out over two lines: each word of the page's title and of its tables' cells whose letters
  // do not all sit on one line (a word split without a hyphen, "Appende|ctomy").
  result.splitWords = await page.evaluate(() => {
    const split = [];
    for (const element of document.querySelectorAll("h1, th, td")) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top)));
          if (tops.size > 1) split.push(match[0]);
        }
      }
    }
    return split;
  });
  // What paper shows after each linked source's title (print media).
  await page.emulateMedia({ media: "print" });
  result.printedAfterSources = await page.$$eval(".sources a[href]", (links) =>
    links.map((link) => [link.getAttribute("href"), getComputedStyle(link, "::after").content]),
  );
  await page.emulateMedia({ media: "screen" });
  // Run axe through the DevTools protocol: the page's CSP (rightly) refuses injected <script> elements.
  await page.evaluate(axeSource);
  const axe = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const outcome = await axe.run(document, { resultTypes: ["violations"] });
    return outcome.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(" ")),
    }));
  });
  result.violations = axe;
  await context.close();
  return result;
}
