/** The `message` field of the posts that report a frame's content height. */
export const frameHeightMessage = 'hoopkit:frame-height'

export interface ReportFrameHeightOptions {
  /** The element whose height is the content's. @default document.body */
  content?: HTMLElement
  /** @default window */
  window?: Window
}

/**
 * Posts the content's height in CSS pixels to the parent window as
 * `{ message: 'hoopkit:frame-height', height }` now and on every change,
 * so the page that owns the frame can size it to fit. It does nothing
 * when the page is not framed. Returns a function that stops reporting.
 *
 * The post goes to any origin, because it carries only a number and the
 * widget cannot know the platform page's origin before the SSO handshake.
 */
export function reportFrameHeight(
  options: ReportFrameHeightOptions = {},
): () => void {
  const view = options.window ?? window
  if (view.parent === view) {
    return () => {}
  }

  const content = options.content ?? view.document.body
  let reported = -1
  const report = () => {
    const height = Math.ceil(contentHeight(view, content))
    if (height === reported) {
      return
    }
    reported = height
    view.parent.postMessage({ message: frameHeightMessage, height }, '*')
  }

  const observer = new ResizeObserver(report)
  observer.observe(content)
  report()
  return () => observer.disconnect()
}

// The element's border box plus its vertical margins, since the body's
// default 8 px margins are outside its box but inside the frame.
function contentHeight(view: Window, content: HTMLElement): number {
  const style = view.getComputedStyle(content)
  const margins =
    Number.parseFloat(style.marginTop) + Number.parseFloat(style.marginBottom)
  return content.getBoundingClientRect().height + margins
}
