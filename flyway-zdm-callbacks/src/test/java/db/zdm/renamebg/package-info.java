/** Migrations of the background rename test (Java form). */
package db.zdm.renamebg;
