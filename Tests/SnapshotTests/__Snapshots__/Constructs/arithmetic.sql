SELECT
  p.customer_id,
  SUM(p.quantity)::bigint AS purchases,
  SUM(p.quantity * p.unit_price - p.unit_price / 2.0 * (p.unit_price - 1)) AS revenue
FROM shop.purchases p
GROUP BY p.customer_id
