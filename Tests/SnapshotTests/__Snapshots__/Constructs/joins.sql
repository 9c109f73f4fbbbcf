SELECT
  c.id AS customer_id,
  COUNT(p.id) AS purchases,
  MAX(oc.discount) AS revenue
FROM shop.customers c
JOIN shop.purchases p ON p.customer_id = c.id
LEFT JOIN shop.customers oc ON oc.id = c.id AND oc.region = c.region
WHERE NOT c.name = 'test' OR c.region IS NULL
GROUP BY c.id
