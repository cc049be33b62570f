import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'widgets',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
})
