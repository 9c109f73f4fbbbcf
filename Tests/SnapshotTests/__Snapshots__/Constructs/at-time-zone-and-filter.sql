SELECT
  p.customer_id,
  COUNT(*) FILTER (WHERE p.status = 'paid' AND (p.placed_at AT TIME ZONE 'America/New_York')::date IS NOT NULL) AS purchases,
  SUM(p.unit_price) FILTER (WHERE p.status IN ('paid', 'shipped')) AS revenue
FROM shop.purchases p
WHERE p.placed_at IS NOT NULL
GROUP BY p.customer_id
