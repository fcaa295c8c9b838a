/** Attribute- and text-safe: the only values put into the demo page's HTML pass through here. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export const DEMO_TITLE = 'NHS hit by WannaCry cyber-attack';

/**
 * A news article with the widget at its end, as a site would embed it: one script tag. The page has
 * no inline script or style, so its Content-Security-Policy can be `'self'` only.
 */
export function demoPage(articleId: string): string {
  const id = escapeHtml(articleId);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(DEMO_TITLE)} – Sift demo</title>
<link rel="stylesheet" href="/demo.css">
</head>
<body>
<header class="masthead"><strong>THE DAILY SIFT</strong><span>Technology</span></header>
<main>
<article>
<p class="kicker">Cyber-security</p>
<h1>${escapeHtml(DEMO_TITLE)}</h1>
<p class="byline">By our technology desk · 12 May 2017</p>
<p class="lede">Hospitals and GP surgeries across England and Scotland have been hit by a large-scale
cyber-attack that locked staff out of their computers and demanded a ransom in Bitcoin.</p>
<p>Operations were cancelled and ambulances diverted as trusts shut down systems to stop the
malicious software, known as WannaCry, from spreading. Screens showed a message demanding $300 to
unlock each machine.</p>
<p>The attack exploited a weakness in older versions of Microsoft Windows. A patch had been released
in March, but many machines had not been updated, and some still ran Windows XP, which no longer
received security fixes.</p>
<p>NHS Digital said there was no evidence that patient data had been accessed. Staff reverted to pen
and paper while systems were restored, and patients were asked to attend appointments unless told
otherwise.</p>
<p>The spread of the ransomware slowed later that evening after a researcher found and registered a
web address that acted as a "kill switch" in its code.</p>
</article>
<section class="comments" aria-label="Reader comments">
<script src="/widget.js" data-article-id="${id}" data-article-title="${escapeHtml(DEMO_TITLE)}" async></script>
</section>
</main>
<footer>A demonstration page served by Sift. Comments here go through the real moderation pipeline.</footer>
</body>
</html>
`;
}
