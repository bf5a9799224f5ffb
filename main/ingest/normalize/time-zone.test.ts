import { describe, expect, it } from 'vitest';
import { defaultTimeZone, isTimeZone, timeZoneNames } from './time-zone';

describe('time zones', () => {
  it('gives each country its main zone, and UTC for one it does not list', () => {
    expect(defaultTimeZone('CA')).toBe('America/Toronto');
    expect(defaultTimeZone('US')).toBe('America/New_York');
    expect(defaultTimeZone('FR')).toBe('Europe/Paris');
    expect(defaultTimeZone('PL')).toBe('Europe/Warsaw');
    expect(defaultTimeZone('BE')).toBe('Europe/Brussels');
    expect(defaultTimeZone('CH')).toBe('Europe/Zurich');
    expect(defaultTimeZone('GB')).toBe('Europe/London');
    expect(defaultTimeZone('MX')).toBe('America/Mexico_City');
    expect(defaultTimeZone('BR')).toBe('America/Sao_Paulo');
    expect(defaultTimeZone('fr')).toBe('Europe/Paris');
    expect(defaultTimeZone('AQ')).toBe('UTC');
  });

  it('lists only zones the runtime knows as defaults', () => {
    for (const country of ['CA', 'US', 'MX', 'BR', 'AR', 'FR', 'BE', 'CH', 'DE', 'GB', 'ES', 'IT', 'NL', 'PT', 'PL', 'UA', 'MA', 'IN', 'JP', 'AU']) {
      expect(isTimeZone(defaultTimeZone(country)), country).toBe(true);
    }
  });

  it('validates names through Intl', () => {
    expect(isTimeZone('America/Toronto')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(' Europe/Paris')).toBe(false);
  });

  it('offers UTC first in the picker’s list, once', () => {
    const names = timeZoneNames();
    expect(names[0]).toBe('UTC');
    expect(names.filter((name) => name === 'UTC')).toHaveLength(1);
    expect(names).toContain('Europe/Paris');
  });
});
