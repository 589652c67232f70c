module goleaky

go 1.19
