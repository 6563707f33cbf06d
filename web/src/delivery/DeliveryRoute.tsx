/** /delivery: the delivery monitor (transactions by status, replay of DEAD ones) and bulk changes. */
export function DeliveryRoute() {
  return null;
}
