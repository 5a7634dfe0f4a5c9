// module PolicyCatalog
