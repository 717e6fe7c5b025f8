// /lab pages (only with DEMO_LAB=1): the setup QR and the challenge field in the shapes real sites use.
import { Router } from 'express';

export interface LabDeps { appName: string }

export function createLabRouter(_deps: LabDeps): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send('<!doctype html><title>Lab</title><h1>Integration lab</h1>');
  });
  return router;
}
