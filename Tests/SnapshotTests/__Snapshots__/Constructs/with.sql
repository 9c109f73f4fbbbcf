WITH recent_purchases AS (
  SELECT
    p.customer_id,
    p.quantity
  FROM shop.purchases p
  WHERE p.status = 'paid'
)
SELECT
  r.customer_id,
  COUNT(*) AS purchases,
  SUM(r.quantity)::numeric AS revenue
FROM recent_purchases r
GROUP BY r.customer_id
