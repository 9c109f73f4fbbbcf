SELECT
  CASE WHEN c.region IS NULL THEN 'unknown' WHEN c.region = '' THEN 'blank' ELSE c.region END AS region
FROM shop.customers c
