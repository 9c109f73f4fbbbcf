SELECT
  p.customer_id,
  COUNT(*) AS purchases,
  SUM((CASE WHEN p.status = 'paid' THEN p.quantity END)::numeric) AS revenue
FROM shop.purchases p
GROUP BY p.customer_id
ORDER BY p.customer_id
