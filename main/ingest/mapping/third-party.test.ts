import { describe, expect, it } from 'vitest';
import { isThirdPartyPath, pathSegments } from './third-party';

describe('isThirdPartyPath', () => {
  it('splits list and object paths into keys', () => {
    expect(pathSegments('orders[].ship_to.name')).toEqual(['orders', 'ship_to', 'name']);
    expect(pathSegments('emails[]')).toEqual(['emails']);
  });

  it.each([
    'orders[].ship_to.name',
    'orders[].shipTo.city',
    'orders[].recipient',
    'orders[].delivery.address.city',
    'shipping.name',
    'gift.email',
    'billing_contact.first_name',
    'gift_recipient_email',
    'commandes[].destinataire.nom',
    'zamowienia[].dostawa.miasto',
  ])('%s is a third party’s', (path) => {
    expect(isThirdPartyPath(path)).toBe(true);
  });

  it.each([
    'name.given',
    'address.city',
    'orders[].placed_at',
    'orders[].gift',
    'orders[].shipping_cost',
    'Shipping address',
    'orders[].store.name',
    'consents[].granted',
  ])('%s is the customer’s', (path) => {
    expect(isThirdPartyPath(path)).toBe(false);
  });
});
