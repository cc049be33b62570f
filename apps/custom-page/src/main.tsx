import { HoopkitProvider } from '@hoopkit/ui'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.js'
import './styles.css'

const root = document.getElementById('root')
if (root === null) {
  throw new Error('custom page: index.html has no #root element')
}

createRoot(root).render(
  <StrictMode>
    <HoopkitProvider>
      <App />
    </HoopkitProvider>
  </StrictMode>,
)
