using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClientInvitationSender : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "InvitedByUserId",
                table: "ClientInvitations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientInvitations_InvitedByUserId",
                table: "ClientInvitations",
                column: "InvitedByUserId");

            migrationBuilder.AddForeignKey(
                name: "FK_ClientInvitations_ClientUsers_InvitedByUserId",
                table: "ClientInvitations",
                column: "InvitedByUserId",
                principalTable: "ClientUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ClientInvitations_ClientUsers_InvitedByUserId",
                table: "ClientInvitations");

            migrationBuilder.DropIndex(
                name: "IX_ClientInvitations_InvitedByUserId",
                table: "ClientInvitations");

            migrationBuilder.DropColumn(
                name: "InvitedByUserId",
                table: "ClientInvitations");
        }
    }
}
