/** The one stylesheet of the sandbox UI, served at `/ui/sandbox.css`. */
export const sandboxStyles = `
:root { --ink: #1d2430; --muted: #5d6677; --line: #d9dee7; --accent: #2f6fed;
  --danger: #c23b3b; --paper: #f6f7fa; font-family: system-ui, sans-serif; }
body { margin: 0; color: var(--ink); background: var(--paper); }
.topbar { display: flex; gap: 2rem; align-items: center; padding: .75rem 1.5rem;
  background: var(--ink); color: #fff; }
.topbar nav { display: flex; gap: 1.25rem; }
.topbar a { color: #cdd6e6; text-decoration: none; }
.topbar a:hover { color: #fff; }
.brand { font-weight: 600; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
section > h2:first-child, .card > h2:first-of-type { margin-top: 0; }
section, .card { background: #fff; border: 1px solid var(--line);
  border-radius: .5rem; padding: 1rem 1.25rem; margin-bottom: 1rem; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { color: var(--muted); font-weight: 500; font-size: .85rem; }
pre { font-size: .8rem; background: var(--paper); padding: .5rem .75rem;
  border-radius: .25rem; overflow-x: auto; }
details { margin-top: .75rem; }
code { font-size: .85rem; background: var(--paper); padding: .1rem .3rem;
  border-radius: .25rem; word-break: break-all; }
.muted { color: var(--muted); }
.error { border-color: var(--danger); }
.error h2 { color: var(--danger); }
form.inline { display: inline; }
button, .button { font: inherit; padding: .35rem .8rem; border-radius: .35rem;
  border: 1px solid var(--accent); background: var(--accent); color: #fff;
  cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: #fff; color: var(--danger); border-color: var(--danger); }
label { display: block; margin: .3rem 0; }
label.indent { margin-left: 1.5rem; }
.users a { margin-right: .75rem; }
.users a.current { font-weight: 600; color: var(--ink); text-decoration: none; }
ul.scopes { margin: .25rem 0 0; padding-left: 1.25rem; }
`
