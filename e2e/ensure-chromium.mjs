#!/usr/bin/env node
/**
 * The browser journeys run in Debian's Chromium, never a downloaded browser. Installs it (and a
 * CJK font, so Chinese renders in screenshots) with apt when missing.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const hasFont = () => {
  try {
    return execSync('fc-list :lang=zh', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

if (existsSync('/usr/bin/chromium') && hasFont()) process.exit(0);
console.log('installing Debian chromium and fonts-wqy-microhei with apt…');
const sudo = process.getuid && process.getuid() === 0 ? '' : 'sudo ';
execSync(
  `${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-wqy-microhei`,
  {
    stdio: 'inherit',
  },
);
