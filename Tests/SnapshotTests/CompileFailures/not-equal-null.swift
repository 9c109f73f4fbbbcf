// expect: binary operator '!=' cannot be applied to operands of type 'SQLExpression<PG.UUID, Nullable>' and 'SQLNull'
// Spelled out, NULL still cannot be compared; use isNull or isDistinct(from:).
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.manager != SQLNull.null)
}
