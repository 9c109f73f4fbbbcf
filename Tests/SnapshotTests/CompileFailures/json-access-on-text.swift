// expect: referencing subscript 'subscript(_:)' on 'SQLExpression' requires the types 'PG.Text' and 'PG.JSONB' be equivalent
// -> reads jsonb, not text.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.name["key"].isNull)
}
