// Planted test secrets, built at run time from random characters and split
// prefixes, so this repository holds nothing a secret scanner (or GitHub
// push protection) would flag.
import { randomInt } from 'node:crypto'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const BASE64 = `${ALNUM}+/`

export function randomChars(length: number, alphabet = ALNUM): string {
  let text = ''
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)]
  return text
}

export const plant = {
  awsKeyId: () =>
    `${'AK'}${'IA'}${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  awsSecret: (last = '/') => `${randomChars(39, BASE64)}${last}`,
  githubToken: () => `${'gh'}${'p_'}${randomChars(36)}`,
  googleKey: () => `${'AI'}${'za'}${randomChars(17)}-${randomChars(17)}`,
  stripeKey: () => `${'sk_'}${'live_'}${randomChars(28)}`,
  slackWebhook: () =>
    `https://hooks.slack.com/services/T${randomChars(8, 'ABCDEFGHJK0123')}/B${randomChars(10, 'ABCDEFGHJK0123')}/${randomChars(24)}`,
  sendgridKey: () =>
    `${'S'}${'G.'}${randomChars(10)}-${randomChars(11)}.${randomChars(20)}-${randomChars(22)}`,
  basicAuthUrl: () =>
    `https://deploy:${randomChars(8)}%40${randomChars(8)}@registry.acme.io/npm/`,
  ecPrivateKey: () =>
    [
      `-----BEGIN EC ${'PRIVATE'} KEY-----`,
      ...(`MHcCAQEEI${randomChars(151, BASE64)}`.match(/.{1,64}/g) ?? []),
      `-----END EC ${'PRIVATE'} KEY-----`
    ].join('\n')
}
