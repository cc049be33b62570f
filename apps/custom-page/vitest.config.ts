import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'custom-page',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
})
