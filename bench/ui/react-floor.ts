/// <reference lib="dom" />
// The smallest React 19 page: one element rendered with react-dom's
// client. The UI size benchmark builds it to show the share of React.
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'

const root = document.getElementById('root')
if (root !== null) {
  createRoot(root).render(createElement('p', null, 'hello'))
}
