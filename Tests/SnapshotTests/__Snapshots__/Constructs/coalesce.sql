SELECT
  c.id AS customer_id,
  COUNT(*) AS purchases,
  SUM(COALESCE(c.discount, c.discount, 0)) AS revenue
FROM shop.customers c
GROUP BY c.id
