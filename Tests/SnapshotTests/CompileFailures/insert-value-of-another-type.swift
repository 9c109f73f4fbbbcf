// expect: generic struct 'SQLExpression' requires the types 'PG.Integer' and 'PG.Text' be equivalent
// INSERT sets each column to a value of its type.
import SQLBuilder

let insert = Insert(into: Shops.self) { row in
  row.seats("many")
}
