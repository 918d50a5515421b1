import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, which `make test` installs; playwright-core never downloads a browser of its own. */
export const CHROMIUM = process.env.IMPLANTA_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless Chromium as this machine runs it: no sandbox (tests run as root), and none of the background
 * networking that a closed network refuses at every start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
