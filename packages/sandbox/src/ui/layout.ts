import { html, type SafeHtml } from './html.js'

/** A link in the sandbox's navigation bar. */
export interface NavigationLink {
  href: string
  label: string
}

/**
 * The links of the navigation bar, in order. A module that adds a page
 * pushes its link here when it registers, so every page shows it.
 */
export const navigationLinks: NavigationLink[] = [
  { href: '/', label: 'Accounts and apps' },
  { href: '/ui/activity', label: 'Activity' },
]

export interface PageOptions {
  title: string
  body: SafeHtml
  /** The signed-in user's id, kept on navigation links. */
  userId?: string
}

/** Wraps a page body in the sandbox's layout and stylesheet. */
export function renderPage(options: PageOptions): string {
  const suffix = options.userId
    ? `?as=${encodeURIComponent(options.userId)}`
    : ''
  const links = navigationLinks.map(
    (link) => html`<a href="${link.href}${suffix}">${link.label}</a>`,
  )
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · HoopAI sandbox</title>
<link rel="stylesheet" href="/ui/sandbox.css">
</head>
<body>
<header class="topbar">
<span class="brand">HoopAI sandbox</span>
<nav>${links}</nav>
</header>
<main>
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>
`.value
}
