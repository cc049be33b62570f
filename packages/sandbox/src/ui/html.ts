/** Markup that is already escaped, so `html` inserts it unchanged. */
export class SafeHtml {
  readonly value: string

  constructor(value: string) {
    this.value = value
  }

  toString(): string {
    return this.value
  }
}

type HtmlValue = SafeHtml | string | number | boolean | null | undefined

/**
 * Builds markup from a template, escaping every interpolated value unless
 * it is `SafeHtml`. Arrays are joined, so a list of rows can be inserted.
 */
export function html(
  strings: TemplateStringsArray,
  ...values: (HtmlValue | HtmlValue[])[]
): SafeHtml {
  let markup = strings[0] ?? ''
  values.forEach((value, index) => {
    const parts = Array.isArray(value) ? value : [value]
    markup += parts.map(toMarkup).join('')
    markup += strings[index + 1] ?? ''
  })
  return new SafeHtml(markup)
}

function toMarkup(value: HtmlValue): string {
  if (value instanceof SafeHtml) {
    return value.value
  }
  if (value === null || value === undefined || value === false) {
    return ''
  }
  return escapeHtml(String(value))
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
