"""The law in force on a day: rule files and dated tables, read and checked (above ``datalog``)."""
