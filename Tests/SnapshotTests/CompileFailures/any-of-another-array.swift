// expect: generic struct 'SQLExpression' requires the types 'PG.Integer' and 'PG.Text' be equivalent
// = ANY compares with an array of the operand's type.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.seats.isAny(of: array(["a"])))
}
