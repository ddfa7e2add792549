/** Migrations of the rename and type-change tests. */
package db.zdm.rename;
