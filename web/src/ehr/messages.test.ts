import { describe, expect, it } from 'vitest';
import { en, es } from './messages';

describe('EHR mapping tool messages', () => {
  it('says “punto de acceso” and “mapeo” in Spanish, never the English words', () => {
    const spanish = Object.values(es);
    expect(spanish.filter((text) => /endpoint|mapping|asignaci[oó]n/i.test(text))).toEqual([]);
    expect(es['ehr.col.endpoint']).toBe('Punto de acceso');
    expect(es['ehr.row.endpoint']).toBe('Punto de acceso, fila {row}');
    expect(es['ehr.intro']).toContain('qué punto de acceso y clave');
    expect(es['ehr.editor.title']).toBe('Mapeo');
  });

  it('has every English message in Spanish, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, placeholders: placeholders(es[key]) }).toEqual({ key, placeholders: placeholders(en[key]) });
    }
  });
});
