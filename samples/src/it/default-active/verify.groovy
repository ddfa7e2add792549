evaluate(new File(itSources, "check.groovy"))
