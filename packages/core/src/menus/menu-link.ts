import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { CreateCustomMenuBody } from '../api/endpoints/custom-menu-endpoints.js'

/** An absolute URL, or a path resolved against the app's public URL. */
export const appUrlSchema = z
  .string()
  .refine((value) => value.startsWith('/') || URL.canParse(value), {
    message: 'must be an absolute URL or a path that starts with /',
  })

/**
 * A custom menu link that the app declares. The platform shows it in the
 * left navigation of the agency, of sub-accounts, or both. Field names
 * follow the custom-menus API.
 */
export const menuLinkSchema = z.object({
  /**
   * Identifies the link across changes of the declaration, so a renamed
   * link is updated in place. @default the title
   */
  key: z.string().min(1).max(100).optional(),
  title: z.string().min(1).max(100),
  url: appUrlSchema,
  icon: z.object({
    name: z.string().min(1),
    fontFamily: z.enum(['fab', 'fas', 'far']),
  }),
  showOnCompany: z.boolean().default(true),
  showOnLocation: z.boolean().default(true),
  showToAllLocations: z.boolean().default(true),
  openMode: z.enum(['iframe', 'new_tab', 'current_tab']).default('iframe'),
  /** Sub-account ids, used when `showToAllLocations` is false. */
  locations: z.array(z.string().min(1)).default([]),
  userRole: z.enum(['all', 'admin', 'user']).default('all'),
  /** Lets the framed page use the camera; only for `iframe` links. */
  allowCamera: z.boolean().default(false),
  /** Lets the framed page use the microphone; only for `iframe` links. */
  allowMicrophone: z.boolean().default(false),
})

export type MenuLinkInput = z.input<typeof menuLinkSchema>
export type MenuLink = z.output<typeof menuLinkSchema>

/** Returns the link's key: its declared `key`, or else its title. */
export function menuLinkKey(link: MenuLink): string {
  return link.key ?? link.title
}

/** Builds the `POST /custom-menus/` body of a declared link. */
export function menuLinkBody(
  link: MenuLink,
  publicUrl: string,
): CreateCustomMenuBody {
  return {
    title: link.title,
    url: new URL(link.url, publicUrl).toString(),
    icon: { name: link.icon.name, fontFamily: link.icon.fontFamily },
    showOnCompany: link.showOnCompany,
    showOnLocation: link.showOnLocation,
    showToAllLocations: link.showToAllLocations,
    openMode: link.openMode,
    locations: [...link.locations],
    userRole: link.userRole,
    allowCamera: link.allowCamera,
    allowMicrophone: link.allowMicrophone,
  }
}

/** Hashes a link body, so a stored link can tell whether it changed. */
export function menuLinkHash(body: CreateCustomMenuBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex')
}
