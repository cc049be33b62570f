#!/usr/bin/env node
// Loads tsx's module hooks, so the CLI and the app declarations it imports
// run from their TypeScript sources without a build step.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
