/**
 * Serialises a webhook body the way the platform sends it: compact
 * `JSON.stringify` output. With `hostile`, non-ASCII characters become
 * `\u` escapes, slashes become `\/` and whole numbers get `.0`, all valid
 * JSON that `JSON.stringify` never writes, so only an app that verifies
 * the received bytes accepts the signature.
 */
export function webhookBytes(
  body: Record<string, unknown>,
  hostile: boolean,
): Buffer {
  const compact = JSON.stringify(body)
  if (!hostile) {
    return Buffer.from(compact)
  }
  return Buffer.from(hostileJson(compact))
}

function hostileJson(compact: string): string {
  let output = ''
  let inString = false
  for (let index = 0; index < compact.length; index += 1) {
    const char = compact[index] ?? ''
    if (inString) {
      output += escapeInString(compact, index)
      if (char === '\\') {
        index += 1
      } else if (char === '"') {
        inString = false
      }
      continue
    }

    if (char === '"') {
      inString = true
      output += char
      continue
    }
    output += char
    if (/[0-9]/.test(char) && !/[0-9.eE+-]/.test(compact[index + 1] ?? '')) {
      output += wholeNumberSuffix(compact, index)
    }
  }
  return output
}

/** Writes one character inside a string, escaping `/` and non-ASCII. */
function escapeInString(compact: string, index: number): string {
  const char = compact[index] ?? ''
  if (char === '\\') {
    return char + (compact[index + 1] ?? '')
  }
  if (char === '/') {
    return '\\/'
  }
  const code = char.charCodeAt(0)
  return code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : char
}

/** Adds `.0` after the last digit of a whole number outside strings. */
function wholeNumberSuffix(compact: string, index: number): string {
  let start = index
  while (start > 0 && /[0-9.eE+-]/.test(compact[start - 1] ?? '')) {
    start -= 1
  }
  const number = compact.slice(start, index + 1)
  return /^-?[0-9]+$/.test(number) ? '.0' : ''
}
