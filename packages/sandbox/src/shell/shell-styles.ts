/** The stylesheet of the app shell, inlined into its page. */
export const shellStyles = `
body { margin: 0; font: 14px/1.5 system-ui, sans-serif; color: #1f2933; background: #f5f7fa; }
.shell { display: grid; grid-template-columns: 220px 1fr; min-height: 100vh; }
nav { background: #101828; color: #fff; padding: 1rem 0.75rem; display: flex; flex-direction: column; gap: 0.25rem; }
nav .brand { font-weight: 700; font-size: 1.2rem; margin-bottom: 0.25rem; }
nav .view-name { color: #98a2b3; font-size: 12px; margin-bottom: 0.75rem; }
nav a { color: #d0d5dd; text-decoration: none; padding: 0.35rem 0.5rem; border-radius: 6px; }
nav a.active, nav a:hover { background: #344054; color: #fff; }
nav a.exit { margin-top: auto; font-size: 12px; }
.content { display: flex; flex-direction: column; }
header { background: #fff; border-bottom: 1px solid #e4e7eb; padding: 0.25rem 1rem; font-size: 12px; }
header a { margin-right: 0.5rem; }
header a.current { font-weight: 700; }
main { padding: 1rem; flex: 1; display: flex; flex-direction: column; }
main > section.contact { display: grid; grid-template-columns: 1fr 340px; gap: 1rem; }
.slot { min-height: 120px; background: #fff; border: 1px dashed #d0d5dd; border-radius: 8px; }
iframe.custom-page { flex: 1; width: 100%; min-height: 600px; border: 0; background: #fff; }
table.contacts td { padding: 0.25rem 1rem 0.25rem 0; }
`
