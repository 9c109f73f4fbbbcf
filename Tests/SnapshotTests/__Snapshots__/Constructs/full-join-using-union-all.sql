WITH recent_purchases AS (
  SELECT
    p.customer_id,
    p.quantity
  FROM shop.purchases p
  WHERE p.status = 'paid'
)
SELECT
  COALESCE(a.customer_id, b.customer_id) AS customer_id,
  COALESCE(a.quantity, b.quantity, 0) AS quantity
FROM recent_purchases a
FULL OUTER JOIN recent_purchases b USING (customer_id)
UNION ALL
SELECT
  p.customer_id,
  p.quantity
FROM shop.purchases p
