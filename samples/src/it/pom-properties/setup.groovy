evaluate(new File(itSources, "database.groovy"))
