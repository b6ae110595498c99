# Multi-stage image of the PuqCloud console.
# Build: docker build -t puqcloud .    Run: docker run -p 8080:8080 -v puqcloud-data:/data puqcloud
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props PuqCloud.Blazor.sln ./
COPY PuqCloud.Modules.Abstractions/PuqCloud.Modules.Abstractions.csproj PuqCloud.Modules.Abstractions/
COPY PuqCloud.Modules/PuqCloud.Modules.csproj PuqCloud.Modules/
COPY PuqCloud.Core/PuqCloud.Core.csproj PuqCloud.Core/
COPY PuqCloud.Persistence.Sqlite/PuqCloud.Persistence.Sqlite.csproj PuqCloud.Persistence.Sqlite/
COPY PuqCloud.Persistence.Postgres/PuqCloud.Persistence.Postgres.csproj PuqCloud.Persistence.Postgres/
COPY PuqCloud.Persistence.SqlServer/PuqCloud.Persistence.SqlServer.csproj PuqCloud.Persistence.SqlServer/
COPY PuqCloud.Web/PuqCloud.Web.csproj PuqCloud.Web/
RUN dotnet restore PuqCloud.Web/PuqCloud.Web.csproj
COPY . .
RUN dotnet publish PuqCloud.Web/PuqCloud.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0-trixie-slim AS runtime
# Debian (not the Ubuntu default tag): its chromium is a real package, not a snap.
# Chromium prints invoices and reports to PDF from the same HTML the preview shows.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# Required at run time (README, Configuration): Site__PublicUrl and DataProtection__KeyEncryptionKey.
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataPath=/data
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "PuqCloud.Web.dll"]
