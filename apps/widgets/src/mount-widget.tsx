import type { SessionContext } from '@hoopkit/ui'
import { reportFrameHeight, SessionGate, SessionProvider } from '@hoopkit/ui'
import { type ReactNode, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './widgets.css'

/**
 * Renders a widget into `#root` once the SSO session is ready, and reports
 * the content's height to the Custom JS loader, which sizes the frame.
 * Widgets use the plain tRPC client without TanStack Query, to stay small.
 */
export function mountWidget(
  render: (context: SessionContext) => ReactNode,
): void {
  const root = document.getElementById('root')
  if (root === null) {
    throw new Error('widget: the page has no #root element')
  }
  reportFrameHeight()
  createRoot(root).render(
    <StrictMode>
      <SessionProvider>
        <SessionGate>{render}</SessionGate>
      </SessionProvider>
    </StrictMode>,
  )
}
