// module ReviewRecords
