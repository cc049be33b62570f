/**
 * The browser script of the app shell. It renders the views from the
 * model in `#shell-model`, navigates without page loads and fires
 * `routeLoaded` once and `routeChangeEvent` on each later change, and it
 * emulates the Custom JS environment: `AppUtils`, `exposeSessionDetails`
 * and the SSO handshake of framed custom pages.
 */
export const shellScript = String.raw`(() => {
  const model = JSON.parse(document.getElementById('shell-model').textContent)
  const main = document.getElementById('shell-main')
  const prefix = '/shell'
  const storagePrefix = 'custom_'
  const maxEntryBytes = 5 * 1024
  const maxCookieHours = 48

  const patterns = [
    ['location-dashboard', /^\/v2\/location\/([^/]+)\/dashboard\/?$/, ['locationId']],
    ['contacts', /^\/v2\/location\/([^/]+)\/contacts\/?$/, ['locationId']],
    ['contact-detail', /^\/v2\/location\/([^/]+)\/contacts\/detail\/([^/]+)\/?$/, ['locationId', 'contactId']],
    ['custom-page-link', /^\/v2\/location\/([^/]+)\/custom-page-link\/([^/]+)\/?$/, ['locationId', 'linkId']],
    ['agency-dashboard', /^\/agency\/dashboard\/?$/, []],
    ['agency-custom-page-link', /^\/agency\/custom-page-link\/([^/]+)\/?$/, ['linkId']],
  ]

  function parseRoute(path) {
    for (const [name, pattern, keys] of patterns) {
      const match = pattern.exec(path)
      if (match) {
        const params = {}
        keys.forEach((key, index) => { params[key] = decodeURIComponent(match[index + 1]) })
        return { name, path, params }
      }
    }
    return { name: 'not-found', path, params: {} }
  }

  function homePath() {
    return model.location ? '/v2/location/' + model.location.id + '/dashboard' : '/agency/dashboard'
  }

  let route = parseRoute(location.pathname.slice(prefix.length) || homePath())

  function currentRoute() {
    const query = Object.fromEntries(new URLSearchParams(location.search))
    return { fullPath: route.path + location.search, name: route.name, params: { ...route.params }, path: route.path, query }
  }

  function checkSize(value) {
    if (new Blob([value]).size > maxEntryBytes) {
      throw new Error('AppUtils.Storage: entries are limited to 5 KB')
    }
  }

  const appUtils = {
    Storage: {
      async setData(key, value) {
        const text = JSON.stringify(value)
        checkSize(text)
        localStorage.setItem(storagePrefix + key, text)
      },
      async getData(key) {
        const text = localStorage.getItem(storagePrefix + key)
        return text === null ? null : JSON.parse(text)
      },
      async setCookie(key, value, hours = maxCookieHours) {
        const text = String(value)
        checkSize(text)
        const seconds = Math.round(Math.min(hours, maxCookieHours) * 3600)
        document.cookie = storagePrefix + encodeURIComponent(key) + '=' + encodeURIComponent(text) + '; max-age=' + seconds + '; path=/; SameSite=Lax'
      },
      async getCookie(key) {
        const name = storagePrefix + encodeURIComponent(key) + '='
        const entry = document.cookie.split('; ').find((part) => part.startsWith(name))
        return entry ? decodeURIComponent(entry.slice(name.length)) : null
      },
    },
    Utilities: {
      async getCurrentUser() { return { ...model.user } },
      async getCurrentLocation() { return model.location && { ...model.location } },
      getCompany() { return { ...model.company } },
    },
    RouteHelper: {
      async getCurrentRoute() { return currentRoute() },
      async navigate(target) {
        const path = target.path || pathForName(target.name, target.params || {})
        navigate(path, { replace: target.replace === true })
      },
    },
  }

  function pathForName(name, params) {
    const locationId = params.locationId || (model.location && model.location.id)
    const paths = {
      'location-dashboard': '/v2/location/' + locationId + '/dashboard',
      contacts: '/v2/location/' + locationId + '/contacts',
      'contact-detail': '/v2/location/' + locationId + '/contacts/detail/' + params.contactId,
    }
    return paths[name] || homePath()
  }

  function appOf(appId) {
    return model.apps.find((app) => app.appId === appId)
  }

  // Without a Shared Secret the platform sends nothing, so the promise
  // never settles and the caller's own timeout must end the wait.
  const exposeSessionDetails = (appId) => {
    const app = appOf(appId)
    if (!app) {
      return Promise.reject(new Error('exposeSessionDetails: app ' + appId + ' is not installed in this view'))
    }
    return app.ssoPayload === null ? new Promise(() => {}) : Promise.resolve(app.ssoPayload)
  }

  window.addEventListener('message', (event) => {
    const frames = [...document.querySelectorAll('iframe[data-shell-app-id]')]
    const frame = frames.find((candidate) => candidate.contentWindow === event.source)
    const data = event.data
    if (!frame || !data || data.message !== 'REQUEST_USER_DATA') {
      return
    }
    const app = appOf(frame.dataset.shellAppId)
    if (!app || app.ssoPayload === null) {
      return
    }
    event.source.postMessage({ message: 'REQUEST_USER_DATA_RESPONSE', payload: app.ssoPayload }, event.origin)
  })

  function navigate(path, options = {}) {
    route = parseRoute(path)
    const url = prefix + path + location.search
    if (options.replace) {
      history.replaceState(null, '', url)
    } else {
      history.pushState(null, '', url)
    }
    render()
    window.dispatchEvent(new CustomEvent('routeChangeEvent', { detail: currentRoute() }))
  }

  window.addEventListener('popstate', () => {
    route = parseRoute(location.pathname.slice(prefix.length) || homePath())
    render()
    window.dispatchEvent(new CustomEvent('routeChangeEvent', { detail: currentRoute() }))
  })

  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-route]')
    if (link) {
      event.preventDefault()
      navigate(link.dataset.route)
    }
  })

  function element(tag, attributes, children) {
    const node = document.createElement(tag)
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, value)
    }
    for (const child of [].concat(children || [])) {
      node.append(child)
    }
    return node
  }

  function routeLink(path, text) {
    return element('a', { href: prefix + path + location.search, 'data-route': path }, text)
  }

  function dashboardView() {
    if (!model.location) {
      return element('section', {}, [
        element('h2', {}, 'Agency dashboard'),
        element('p', {}, model.company.name + ' has ' + model.locations.length + ' sub-accounts.'),
      ])
    }
    return element('section', {}, [
      element('h2', {}, 'Dashboard'),
      element('p', {}, model.location.name + ' has ' + model.contacts.length + ' contacts.'),
      element('div', { class: 'slot', 'data-hoopkit-slot': 'dashboard' }),
    ])
  }

  function contactsView() {
    const rows = model.contacts.map((contact) =>
      element('tr', {}, [
        element('td', {}, routeLink('/v2/location/' + model.location.id + '/contacts/detail/' + contact.id, contact.name)),
        element('td', {}, contact.email || ''),
        element('td', {}, contact.tags.join(', ')),
      ]),
    )
    return element('section', {}, [
      element('h2', {}, 'Contacts'),
      element('table', { class: 'contacts' }, [element('tbody', {}, rows)]),
    ])
  }

  function contactView(contactId) {
    const contact = model.contacts.find((entry) => entry.id === contactId)
    if (!contact) {
      return element('p', {}, 'No contact ' + contactId + ' in this sub-account.')
    }
    return element('section', { class: 'contact' }, [
      element('div', {}, [
        element('h2', {}, contact.name),
        element('p', {}, [contact.email || 'No email', ' · ', contact.phone || 'No phone']),
        routeLink('/v2/location/' + model.location.id + '/contacts', 'Back to contacts'),
      ]),
      element('div', { class: 'slot', 'data-hoopkit-slot': 'contact' }),
    ])
  }

  function customPageView(linkId) {
    const link = model.links.find((entry) => entry.id === linkId)
    if (!link) {
      return element('p', {}, 'No menu link ' + linkId + ' in this view.')
    }
    if (link.openMode !== 'iframe') {
      return element('p', {}, [element('a', { href: link.url, target: '_blank', rel: 'noopener' }, 'Open ' + link.title)])
    }
    return element('iframe', { class: 'custom-page', src: link.url, title: link.title, 'data-shell-app-id': link.appId })
  }

  function view() {
    const params = route.params
    switch (route.name) {
      case 'location-dashboard':
      case 'agency-dashboard':
        return dashboardView()
      case 'contacts':
        return contactsView()
      case 'contact-detail':
        return contactView(params.contactId)
      case 'custom-page-link':
      case 'agency-custom-page-link':
        return customPageView(params.linkId)
      default:
        return element('p', {}, 'The sandbox shell has no page at ' + route.path + '.')
    }
  }

  function render() {
    main.replaceChildren(view())
    for (const link of document.querySelectorAll('nav a[data-route]')) {
      link.classList.toggle('active', link.dataset.route === route.path)
    }
  }

  function installCustomJsEnvironment() {
    window.AppUtils = appUtils
    window.exposeSessionDetails = exposeSessionDetails
  }

  if (model.customJsReadiness === 'at-start') {
    installCustomJsEnvironment()
  }
  window.addEventListener('load', () => {
    installCustomJsEnvironment()
    window.dispatchEvent(new CustomEvent('routeLoaded', { detail: currentRoute() }))
  })
  render()
})()
`
