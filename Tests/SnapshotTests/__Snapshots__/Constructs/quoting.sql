SELECT
  CASE WHEN "Order Lines"."user" = 'O''Brien' AND "Order Lines"."MixedCase" + "Order Lines"."unit price" > 3 THEN NULL::text ELSE "Order Lines"."say ""hi""" END AS region
FROM "Reporting"."order" "Order Lines"
