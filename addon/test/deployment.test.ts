// The two deployment targets: the editor add-on built for one service address (urlFetchWhitelist in
// its manifest, settings limited to it) and the template spreadsheet's bound script.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAddon, servicePrefix } from '../build.ts';
import { ROADMAP, worldWith } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function outDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'addon-build-'));
  dirs.push(d);
  return d;
}

const FORM = {
  cluster: 'tomsk-build',
  token: 't',
  periodStart: '',
  periodEnd: '',
  soonDays: 14,
  autoDaily: false,
};

describe('SERVICE_URL', () => {
  it.each([
    ['http://cluster.example.ru/', /must be https/],
    ['https://localhost/api/', /private or local/],
    ['https://192.168.1.10/', /private or local/],
    ['https://10.0.0.5/sync/', /private or local/],
    ['https://sync-server/', /private or local/],
    ['https://cluster.local/', /private or local/],
  ])('refuses %s', (url, why) => {
    expect(() => servicePrefix(url)).toThrow(why);
  });

  it('writes the prefix into the manifest and the settings accept only it', async () => {
    const dir = outDir();
    await buildAddon({ serviceUrl: 'https://cluster.example.ru/kluster', outDir: dir });
    const manifest = JSON.parse(readFileSync(join(dir, 'appsscript.json'), 'utf8'));
    expect(manifest.urlFetchWhitelist).toEqual(['https://cluster.example.ru/kluster/']);
    const w = worldWith(ROADMAP, { dist: dir });
    expect(() => w.call('saveSettings', { ...FORM, serviceUrl: 'https://other.example.ru' })).toThrow(
      /^Адрес сервиса: это дополнение работает только с сервисом https:\/\/cluster\.example\.ru\/kluster$/,
    );
    expect(() =>
      w.call('saveSettings', { ...FORM, serviceUrl: 'https://cluster.example.ru/klusterX' }),
    ).toThrow(/только с сервисом/);
    expect(
      w.call('saveSettings', { ...FORM, serviceUrl: 'https://cluster.example.ru/kluster/' }),
    ).toMatchObject({
      serviceUrl: 'https://cluster.example.ru/kluster',
    });
  });
});

describe('the template spreadsheet target', () => {
  it("builds a bound script whose menu is the spreadsheet's own (createMenu), not the add-on menu", async () => {
    const dir = outDir();
    await buildAddon({ target: 'bound', outDir: dir });
    const w = worldWith(ROADMAP, { dist: dir, authMode: 'NONE' });
    w.call('onOpen');
    expect(w.ui.menus.map((m) => m.title)).toEqual(['[menu bar] Кластер']);
    expect(w.log.byMethod['Ui.createAddonMenu']).toBeUndefined();
    // The bound script uses the Sheets advanced service too: its manifest enables it.
    const manifest = JSON.parse(readFileSync(join(dir, 'appsscript.json'), 'utf8'));
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' },
    ]);
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets');
  });
});
