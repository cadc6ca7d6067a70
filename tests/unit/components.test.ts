/** Presentational components rendered through Astro's container API. */
import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import DateTime from '../../src/components/DateTime.astro';
import SeverityBadge from '../../src/components/SeverityBadge.astro';

const container = await AstroContainer.create();

describe('DateTime', () => {
  it('shows the time in the incident zone with the zone named, and the instant machine-readable', async () => {
    const html = await container.renderToString(DateTime, { props: { date: new Date('2024-06-05T14:00:00Z'), zone: 'Asia/Tokyo' } });
    expect(html).toMatch(/<time datetime="2024-06-05T23:00:00\+09:00"[^>]*>2024-06-05 23:00 GMT\+9<\/time>/);
  });
  it('shows dates without a zone', async () => {
    const html = await container.renderToString(DateTime, { props: { date: new Date('2024-06-05T23:30:00Z'), zone: 'Europe/Berlin', format: 'date' } });
    expect(html).toMatch(/>2024-06-06<\/time>/);
  });
});

describe('SeverityBadge', () => {
  it('names the severity and its meaning', async () => {
    const html = await container.renderToString(SeverityBadge, { props: { severity: 'SEV2', long: true } });
    expect(html).toContain('title="SEV2: Major"');
    expect(html).toMatch(/SEV2 · Major/);
  });
});
