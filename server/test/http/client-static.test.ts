import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { serveClient } from '../../src/http/client-static';

const dist = mkdtempSync(join(tmpdir(), 'autonomic-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const app = express();
app.get('/api/ping', (_req, res) => {
  res.json({ pong: true });
});
serveClient(app, dist);
app.use((_req, res) => {
  res.status(404).json({ error: 'fell through' });
});

describe('serving the built client', () => {
  it('when a deep link is requested then index.html answers it', async () => {
    const res = await request(app).get('/workflows/abc/versions/2');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
  });

  it('when a hashed asset is requested then it is cached for a year', async () => {
    const res = await request(app).get('/assets/app-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('when an unknown API path is requested then the SPA does not answer it', async () => {
    expect((await request(app).get('/api/nope')).body).toEqual({ error: 'fell through' });
    expect((await request(app).get('/api/ping')).body).toEqual({ pong: true });
  });

  it('when the client is not built then nothing is mounted', () => {
    expect(serveClient(express(), join(dist, 'missing'))).toBe(false);
  });
});
