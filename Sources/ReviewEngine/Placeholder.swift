// module ReviewEngine
